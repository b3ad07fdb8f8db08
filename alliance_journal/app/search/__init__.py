"""Search across every note: results model, delegate and panel."""
