namespace Raft3D.Client;

/// <summary>How a failed try on one node is told in a failover message.</summary>
internal static class FailureDescription
{
    /// <summary>
    /// The exception's message, and its cause's when it adds something: "The SSL connection could not be established"
    /// alone does not say that the certificate's root was untrusted or its name wrong. A cancellation that the caller
    /// did not ask for is the request's timeout.
    /// </summary>
    public static string Of(Exception e) => e switch
    {
        OperationCanceledException => $"timed out ({e.Message})",
        _ => e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{e.Message} ({inner.Message})" : e.Message,
    };
}
