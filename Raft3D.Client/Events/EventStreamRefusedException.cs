namespace Raft3D.Client;

/// <summary>
/// A node answered the event stream request with a 4xx (an unknown type in the filter, say, or a 401 or 403 for the
/// token): the request itself is wrong, so no other node is tried.
/// </summary>
public sealed class EventStreamRefusedException(Uri node, Problem problem)
    : Exception($"{node} refused the event stream: {problem.Code ?? problem.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {problem.Detail ?? problem.Title}")
{
    public Uri Node => node;

    public Problem Problem => problem;
}
