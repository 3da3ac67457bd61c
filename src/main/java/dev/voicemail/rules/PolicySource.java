package dev.voicemail.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one policy is built from: its own file and the common files. Each policy is built on
 * its own, so that no rule of one policy can fire under another and each may name its rules freely.
 *
 * @param name   the policy's name ({@code policies/<name>.drl})
 * @param path   its file, relative to the rules directory
 * @param drl    that file's text
 * @param common the common files by path
 */
record PolicySource(String name, String path, String drl, Map<String, String> common) {

    /** The files to build, by path: the common files, then the policy's. */
    Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>(common);
        files.put(path, drl);
        return files;
    }

    /**
     * What the compiled policy is kept by, in memory and on disk: its name and a digest of every
     * input, so an edit to its file or to a common file never finds an old build.
     */
    String key() {
        return name + '\u0000' + RulesDirectory.digest(new TreeMap<>(files()));
    }
}
