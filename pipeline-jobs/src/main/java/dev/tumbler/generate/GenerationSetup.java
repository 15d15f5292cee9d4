package dev.tumbler.generate;

import dev.tumbler.artifacts.ModelArtifact;
import dev.tumbler.model.generate.Generator;
import dev.tumbler.model.generate.TransformerWeights;
import dev.tumbler.model.tools.Calculator;
import dev.tumbler.model.tools.PythonLimits;
import dev.tumbler.model.tools.PythonTool;
import dev.tumbler.model.tools.Tool;
import dev.tumbler.store.ArtifactRef;
import dev.tumbler.store.ArtifactStore;

/** Builds the generation engine for a model artifact: its weights, its tokenizer and the chosen tool. */
public final class GenerationSetup {
    /** The engine and what it was built from. */
    public record Engine(ArtifactRef model, Generator generator, Tool tool) {
        /** The tool as the engine uses it: its description, or why there is none. */
        public String toolDescription() {
            return generator.toolsEnabled() ? tool.describe()
                    : "none (the model's tokenizer has no tool-call tokens, so " + tool.describe() + " is not used)";
        }
    }

    private GenerationSetup() {
    }

    /** Loads {@code modelText} (named on the command line by {@code --model}) and its tokenizer. */
    public static Engine load(ArtifactStore store, String modelText, boolean pythonTool) {
        Tool tool = pythonTool ? PythonTool.create(PythonLimits.defaults()) : new Calculator();
        ModelArtifact.WithTokenizer loaded = ModelArtifact.loadWithTokenizer(store, modelText, "--model");
        TransformerWeights weights = TransformerWeights.from(loaded.model().graph(), loaded.model().config());
        return new Engine(loaded.ref(), new Generator(weights, loaded.tokenizer(), tool), tool);
    }
}
