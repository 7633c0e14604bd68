"""The citizens' voice: service points, the SKM survey and its IKM, complaints, moderation of comments,
credit for praise, and the erasure of citizens' contacts."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        # moderation and praise
        "CommentModeration": "moderation",
    },
)
