/**
 * The facts a policy's rules see: the call, the prospect, the client's profile, the earlier attempts,
 * the rep, and the decision they build. Plain records and enums; this package depends on nothing
 * else of the service and on no rule-engine API, so that it is the whole contract between Java and DRL.
 */
package dev.voicemail.facts;
