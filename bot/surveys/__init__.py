"""The customer journey: purchases become survey invitations, answers are recorded step by step."""
