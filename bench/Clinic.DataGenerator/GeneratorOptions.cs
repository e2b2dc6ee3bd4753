using System.Globalization;

namespace Clinic.DataGenerator;

public sealed record GeneratorOptions(
    string ConnectionString,
    int Clients,
    int Therapists,
    int Days,
    int HistoryDays,
    string OutputDirectory,
    string SigningKey,
    int Seed)
{
    public const string Usage = """
        usage: Clinic.DataGenerator --connection <npgsql connection string> [--clients 2000] [--therapists 50]
               [--days 90] [--history-days <days>] [--out bench/out] [--signing-key <base64>] [--seed 42]
          --days          days of history on each client's current plan (at most 179)
          --history-days  days of history in all; beyond --days it lies in earlier, completed plans
          --signing-key   the API's Auth:SigningKey; tokens for every client and therapist are written when set
        The connection string may also come from the environment: ConnectionStrings__Clinic.
        """;

    public static GeneratorOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        var connection = values.GetValueOrDefault("connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Clinic")
            ?? throw new ArgumentException("--connection is required.");
        var days = Number(values, "days", 90);
        var options = new GeneratorOptions(
            connection,
            Number(values, "clients", 2000),
            Number(values, "therapists", 50),
            days,
            Number(values, "history-days", days),
            values.GetValueOrDefault("out") ?? "bench/out",
            values.GetValueOrDefault("signing-key") ?? Environment.GetEnvironmentVariable("Auth__SigningKey") ?? "",
            Number(values, "seed", 42));
        if (options.Clients < 1 || options.Therapists < 1 || options.Days is < 1 or > 179 || options.HistoryDays < options.Days)
        {
            throw new ArgumentException("Need clients >= 1, therapists >= 1, 1 <= days <= 179 and history-days >= days.");
        }

        return options;
    }

    private static int Number(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"--{name} must be a whole number.")
            : fallback;
}
