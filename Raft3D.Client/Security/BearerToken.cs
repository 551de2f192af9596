using System.Net.Http.Headers;

namespace Raft3D.Client;

/// <summary>The Authorization header a token becomes, checked before it goes anywhere.</summary>
internal static class BearerToken
{
    /// <exception cref="ArgumentException">
    /// Empty, or a character a header cannot carry. The message never repeats the token: it may be a real one
    /// with a typo, and error messages end up in logs.
    /// </exception>
    public static AuthenticationHeaderValue Header(string token)
    {
        var trimmed = token.Trim();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("The token is empty.");
        }

        // Printable ASCII without spaces: what "Bearer <token>" can carry without being split or mangled.
        if (trimmed.Any(c => c is <= ' ' or > '~'))
        {
            throw new ArgumentException("The token has a space, a control or a non-ASCII character; tokens are printable ASCII.");
        }

        return new AuthenticationHeaderValue("Bearer", trimmed);
    }
}
