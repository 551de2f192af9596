namespace Raft3D.Client;

/// <summary>
/// A write was given an Idempotency-Key that <see cref="IdempotencyKeys.IsValid"/> refuses; nothing was sent. Its
/// own type so that a caller (raft3d) can name the key in its own words instead of the parameter's.
/// </summary>
public sealed class InvalidIdempotencyKeyException(string key)
    : ArgumentException(
        $"An idempotency key is 1 to {IdempotencyKeys.MaxLength} printable ASCII characters without leading or trailing spaces, such as a UUID; got '{key}'.",
        "idempotencyKey")
{
    public string Key => key;
}
