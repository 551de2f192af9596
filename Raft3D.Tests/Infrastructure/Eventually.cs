namespace Raft3D.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes; the failure says what was last seen.</summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string expectation)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        string lastSeen = "nothing";
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                lastSeen = e.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Expected {expectation} within {timeout.TotalSeconds} s; last seen: {lastSeen}.");
            }

            await Task.Delay(50);
        }
    }

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string expectation)
        => await ReturnsAsync<object>(async () => await condition() ? new object() : null, timeout, expectation);
}
