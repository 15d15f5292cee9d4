package dev.tumbler.model.chat;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;

/**
 * HF's {@code {% generation %}...{% endgeneration %}} for Jinjava, which lacks it: renders its body between two
 * private-use marker characters, so that a test can find what the template marks as supervised (transformers'
 * {@code AssistantTracker} records the same spans as character offsets).
 */
final class GenerationTag implements Tag {
    static final char START = '\uE000';
    static final char END = '\uE001';

    @Override
    public String getName() {
        return "generation";
    }

    @Override
    public String getEndTagName() {
        return "endgeneration";
    }

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
        StringBuilder sb = new StringBuilder().append(START);
        for (Node child : tagNode.getChildren()) {
            sb.append(child.render(interpreter).getValue());
        }
        return sb.append(END).toString();
    }
}
