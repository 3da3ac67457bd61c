package dev.voicemail.experiments;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.voicemail.api.Digests;

/**
 * Which arm a prospect is in: a pure function of the experiment and the prospect, so every request,
 * every replica and every restart gives the same arm, with no state and no randomness. The first 8
 * bytes of SHA-256(agency, client, experiment, prospect) are a number spread evenly over 2^64, and
 * its remainder by the sum of the weights picks the arm in proportion to its weight (the bias of a
 * remainder of 2^64 by at most 10,000 is below 10^-15).
 */
final class ArmAssignment {

    private ArmAssignment() {
    }

    /** The index in {@code arms} of the prospect's arm. */
    static int armIndex(String agency, String clientId, String experimentId, String prospectId, List<Arm> arms) {
        int total = 0;
        for (Arm a : arms) {
            total += a.weight();
        }
        long slot = Long.remainderUnsigned(hash(agency, clientId, experimentId, prospectId), total);
        for (int i = 0; i < arms.size(); i++) {
            slot -= arms.get(i).weight();
            if (slot < 0) {
                return i;
            }
        }
        return arms.size() - 1; // not reached: the slot is below the total
    }

    private static long hash(String agency, String clientId, String experimentId, String prospectId) {
        MessageDigest digest = Digests.sha256();
        for (String part : new String[] {agency, clientId, experimentId, prospectId}) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0); // a separator no id contains, so ("ab","c") and ("a","bc") differ
        }
        return ByteBuffer.wrap(digest.digest()).getLong();
    }
}
