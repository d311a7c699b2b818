"""One module per platform; each only translates between the platform and bot.models."""
