"""What tests share: building apps and settings, playing people, waiting, seeding data."""
