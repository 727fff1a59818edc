package io.polder.registry.access;

import java.util.List;

/**
 * What waits for one principal as the owner of ports: the pending requests it may decide, oldest first, and
 * the reminders about its ports' grants that are about to expire (not yet expired or revoked), soonest first.
 */
public record AccessInbox(List<AccessRequest> pending, List<AccessReminder> reminders) {
    public AccessInbox {
        pending = List.copyOf(pending);
        reminders = List.copyOf(reminders);
    }
}
