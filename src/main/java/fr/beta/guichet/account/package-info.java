/**
 * « Mon compte »: what a person sets about themselves — today their chat identities (Tchap/Matrix user id,
 * Mattermost username), which the chats use to mention them ({@link fr.beta.guichet.account.ChatIdentities}).
 */
package fr.beta.guichet.account;
