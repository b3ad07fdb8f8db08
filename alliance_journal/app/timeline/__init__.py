"""A client's timeline: model, card delegate, filters, trash and undoable deletes."""
