using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Fuzzing;

/// <summary>
/// What a fuzzer's requests got: the count of each status and the answers that broke a rule, each with the request
/// that got it and, for a server error, the last errors the API logged. <see cref="AssertClean"/> fails the test on
/// any of them, on an unhandled exception in the log, or when no request got past the refusals.
/// </summary>
public sealed class FuzzRun(CapturedLogs logs)
{
    private readonly List<string> failures = [];

    public SortedDictionary<int, int> Statuses { get; } = [];

    /// <summary>Counts the answer; a 5xx is a failure.</summary>
    public void Record(int index, string request, int status, string body)
    {
        Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
        if (status >= 500)
        {
            Fail(index, request, $"{status}: {body[..Math.Min(body.Length, 300)]}");
            failures.AddRange(logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).TakeLast(3).Select(l => "  log: " + l[..Math.Min(l.Length, 3000)]));
        }
    }

    public void Fail(int index, string request, string what) => failures.Add($"#{index} {request} -> {what}");

    public void AssertClean(string what)
    {
        var unhandled = logs.Lines.Where(line => line.Contains("Unhandled", StringComparison.Ordinal)).Take(10).ToList();
        Console.WriteLine($"{what}; statuses {string.Join(", ", Statuses.Select(s => $"{s.Key}: {s.Value}"))}");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n{string.Join('\n', failures.Take(20))}");
        Assert.True(unhandled.Count == 0, string.Join('\n', unhandled));
        Assert.Contains(Statuses.Keys, status => status is >= 200 and < 300);
    }
}
