using System.Collections.Concurrent;
using Clinic.Domain.Adherence;

namespace Clinic.Infrastructure.Adherence;

/// <summary>
/// The buffers a summary read streams one plan's completions into, reused from read to read: a buffer of a
/// quarter of a year of a typical plan is about 30 KB, which every summary allocated anew before (ADR 0071). The
/// calculator copies out what a summary keeps, so a buffer holds nothing once its read is over; it is cleared
/// before it is kept. Only buffers of ordinary size are kept, and at most 64: more reads than that rarely run at
/// once.
/// </summary>
internal static class CompletionBuffers
{
    private const int InitialCapacity = 256;
    private const int LargestKept = 2048;
    private const int MostKept = 64;
    private static readonly ConcurrentQueue<List<CompletionFact>> Kept = new();

    public static List<CompletionFact> Rent() =>
        Kept.TryDequeue(out var buffer) ? buffer : new List<CompletionFact>(InitialCapacity);

    public static void Return(List<CompletionFact> buffer)
    {
        buffer.Clear();
        if (buffer.Capacity <= LargestKept && Kept.Count < MostKept)
        {
            Kept.Enqueue(buffer);
        }
    }
}
