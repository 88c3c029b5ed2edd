/**
 * One-time secrets (a generated mailbox password): encrypted with AES-GCM under a key from the environment, kept
 * outside the engine's tables, shown once to the requester and then deleted, or deleted after seven days. A secret
 * never enters a process variable, the history, a log line, a chat message or an email.
 */
package fr.beta.guichet.secrets;
