package fr.beta.guichet.account;

/** The « Mon compte » form: both optional. */
public class AccountForm {

    private String matrixUserId;
    private String mattermostUsername;

    public String getMatrixUserId() {
        return matrixUserId;
    }

    public void setMatrixUserId(String matrixUserId) {
        this.matrixUserId = matrixUserId;
    }

    public String getMattermostUsername() {
        return mattermostUsername;
    }

    public void setMattermostUsername(String mattermostUsername) {
        this.mattermostUsername = mattermostUsername;
    }
}
