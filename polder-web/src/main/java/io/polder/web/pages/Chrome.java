package io.polder.web.pages;

/**
 * What every page's frame shows: the title, who is signed in (null on the sign-in page), the session's
 * form token for the sign-out form, and which links the role may follow.
 */
public record Chrome(String title, String userName, String userRole, String csrfToken, boolean canReadAudit,
                     String section) {
    public static Chrome anonymous(String title) {
        return new Chrome(title, null, null, null, false, "");
    }

    public boolean signedIn() {
        return userName != null;
    }
}
