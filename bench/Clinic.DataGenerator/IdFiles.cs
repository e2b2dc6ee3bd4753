using System.Text;

namespace Clinic.DataGenerator;

/// <summary>
/// The ids (and, with a signing key, the bearer tokens) the load scripts pick from, as CSV without a header:
/// plans.csv (plan id, token of its therapist), assignments.csv (assignment id, token of its client; only
/// assignments due every day, so a submission for today is always accepted), therapists.csv (id, token).
/// </summary>
public static class IdFiles
{
    public static async Task WriteAsync(GeneratorOptions options, Dataset dataset)
    {
        var tokens = options.SigningKey.Length > 0 ? new BenchTokens(options.SigningKey) : null;
        var practice = Dataset.PracticeId;
        var therapistTokens = Enumerable.Range(0, options.Therapists)
            .Select(t => tokens?.Issue(Ids.Of(Ids.Therapist, t), "therapist", practice) ?? "")
            .ToArray();

        var plans = new StringBuilder();
        var assignments = new StringBuilder();
        for (var c = 0; c < options.Clients; c++)
        {
            var current = dataset.PlansOf(c)[^1];
            plans.Append(current.Id).Append(',').Append(therapistTokens[c % options.Therapists]).Append('\n');
            var clientToken = tokens?.Issue(Ids.Of(Ids.Client, c), "client", practice) ?? "";
            assignments.Append(current.AssignmentId(0)).Append(',').Append(clientToken).Append('\n');
        }

        var therapists = new StringBuilder();
        for (var t = 0; t < options.Therapists; t++)
        {
            therapists.Append(Ids.Of(Ids.Therapist, t)).Append(',').Append(therapistTokens[t]).Append('\n');
        }

        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "plans.csv"), plans.ToString());
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "assignments.csv"), assignments.ToString());
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "therapists.csv"), therapists.ToString());
    }
}
