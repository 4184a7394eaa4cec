using NUnit.Framework;

namespace Kafka.Client.TestSupport;

/// <summary>Waits for something the system under test does in the background, failing the test with what was awaited.</summary>
internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 25 ms; fails after <paramref name="seconds"/> naming <paramref name="what"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, Func<string> what, int seconds = 30)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {seconds} s waiting for {what()}");
            }

            await Task.Delay(25);
        }
    }

    /// <inheritdoc cref="WaitUntilAsync(Func{bool}, Func{string}, int)"/>
    public static Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 30) => WaitUntilAsync(condition, () => what, seconds);
}
