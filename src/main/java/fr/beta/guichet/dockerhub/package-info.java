/**
 * Docker Hub requests: membership of a team of the incubator's organization, added directly for organization
 * members and by invitation otherwise. Executed by an admin of {@code ops-dockerhub}. Process
 * {@code request-dockerhub}.
 */
package fr.beta.guichet.dockerhub;
