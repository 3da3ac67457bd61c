package dev.voicemail.rules;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The parent of every policy's class loader: the application's class loader, with its answers
 * remembered, found and not found alike.
 *
 * <p>Why: MVEL resolves each identifier of a constraint by trying it as a class in every imported
 * package ({@code dev.voicemail.facts.channel}, ...), the first time a constraint is evaluated, so in
 * every new rule base's first decisions. In the packaged jar each such miss in a package that exists
 * makes Quarkus's {@code RunnerClassLoader} reopen the jar that holds the package (it keeps only a
 * few jars open after start-up), reading its manifest and directory again: measured as more than
 * 64 MB allocated by the trial decisions of a one-line edit, which the trial budget then refused. The
 * application's classes do not change while it runs, so an answer once given holds.
 */
final class RememberingClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** For every policy: the class loader that loaded the service. */
    static final RememberingClassLoader APPLICATION = new RememberingClassLoader(RememberingClassLoader.class.getClassLoader());

    private final ClassLoader application;
    // bounded: rule text decides which names are tried
    private final Cache<String, Optional<Class<?>>> answers = Caffeine.newBuilder().maximumSize(50_000).build();

    private RememberingClassLoader(ClassLoader application) {
        super("voicemail-rules", application);
        this.application = application;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Optional<Class<?>> known = answers.getIfPresent(name);
        if (known == null) {
            try {
                known = Optional.of(application.loadClass(name));
            } catch (ClassNotFoundException | LinkageError e) {
                known = Optional.empty();
            }
            answers.put(name, known);
        }
        if (known.isEmpty()) {
            throw new NotFound(name);
        }
        return known.get();
    }

    /** Thrown for every remembered miss; MVEL expects many, so it carries no stack trace. */
    private static final class NotFound extends ClassNotFoundException {
        NotFound(String name) {
            super(name);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
