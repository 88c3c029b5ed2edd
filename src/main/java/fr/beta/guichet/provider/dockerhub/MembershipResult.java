package fr.beta.guichet.provider.dockerhub;

/** What {@link DockerHubClient#addMember(String, String)} did. */
public enum MembershipResult {

    /** The user was already in the organization and is now in the team. */
    ADDED,

    /**
     * The user is not (yet) in the organization: an invitation to join it, in the team, is pending (sent now or
     * earlier). Docker Hub adds the user to the team once they accept it.
     */
    INVITED,

    /** The user was already in the team; nothing was changed. */
    ALREADY_MEMBER
}
