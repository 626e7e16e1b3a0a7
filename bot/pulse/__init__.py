"""The staff's own pulse (eNPS): two anonymous questions to every staff member, once a round."""
