package dev.tumbler.model.transformer;

/**
 * Which head sits on the decoder's trunk ({@code model.head}): {@link #LM} the language-model head
 * ({@link LmHead}: output projection and per-token weighted cross-entropy), {@link #SCALAR} the reward head
 * ({@link ScalarHead}: one scalar per row, trained with a Bradley-Terry pair loss). A model config or a saved
 * layer without the key has the LM head.
 */
public enum HeadKind {
    LM,
    SCALAR
}
