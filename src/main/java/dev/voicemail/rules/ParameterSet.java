package dev.voicemail.rules;

import java.util.List;

import org.kie.api.definition.type.FactType;

/** A DRL declared type whose fields are parameters; one instance of it is a fact of every decision. */
public record ParameterSet(FactType type, List<ParameterSpec> parameters) {
}
