package dev.voicemail.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where rule files belong: {@code policies/<name>.drl} is one policy each; every {@code .drl} below
 * {@code common/} applies under every policy. A rules directory's files sorted that way.
 *
 * @param common   the common files by path, in path order
 * @param policies each policy's sources (its file and the common files), in path order
 */
public record RulesLayout(Map<String, String> common, List<PolicySource> policies) {

    public static final String COMMON = "common/";
    public static final String POLICIES = "policies/";
    private static final Pattern POLICY_FILE = Pattern.compile("policies/([A-Za-z0-9][A-Za-z0-9._-]{0,63})\\.drl");

    /** The file of the policy named {@code name}. */
    public static String policyFile(String name) {
        return POLICIES + name + ".drl";
    }

    /**
     * Sorts rule files given by relative path.
     *
     * @throws RulesCompileException naming every file out of place, or saying there is no policy
     */
    public static RulesLayout of(SortedMap<String, String> files) throws RulesCompileException {
        List<RuleError> errors = new ArrayList<>();
        Map<String, String> common = new LinkedHashMap<>();
        Map<String, String> policyFiles = new LinkedHashMap<>(); // policy name -> path
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            if (path.startsWith(COMMON)) {
                common.put(path, file.getValue());
                continue;
            }
            Matcher m = POLICY_FILE.matcher(path);
            if (m.matches()) {
                policyFiles.put(m.group(1), path);
            } else {
                errors.add(new RuleError(path, 0, 0, path.startsWith(POLICIES)
                        ? "a policy file is policies/<name>.drl, name of 1 to 64 of [A-Za-z0-9._-]"
                        : "a rule file belongs under common/ or policies/"));
            }
        }
        if (policyFiles.isEmpty()) {
            errors.add(new RuleError(POLICIES, 0, 0, "no policy: add at least one policies/<name>.drl"));
        }
        if (!errors.isEmpty()) {
            throw new RulesCompileException(errors);
        }
        Map<String, String> shared = Collections.unmodifiableMap(common);
        List<PolicySource> policies = new ArrayList<>();
        policyFiles.forEach((name, path) -> policies.add(new PolicySource(name, path, files.get(path), shared)));
        return new RulesLayout(shared, List.copyOf(policies));
    }
}
