"""The escalations: the list, one escalation with its history, the forms that move it on."""
