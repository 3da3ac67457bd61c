package dev.voicemail.rules;

import java.util.List;
import java.util.Map;

import org.kie.api.definition.type.FactType;

/** A DRL declared type whose fields are parameters; one instance of it is a fact of every decision. */
public record ParameterSet(FactType type, List<ParameterSpec> parameters) {

    /** True for a shared {@code @parameters} type (from common files), false for the policy's own {@code @policy} type. */
    public boolean common() {
        Map<String, Object> meta = type.getMetaData();
        return meta == null || !meta.containsKey("policy");
    }
}
