"""One page per area of the navigation sidebar."""
