using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// Counts the round trips to the database the API makes (a command, or a batch of commands sent together), so
/// tests can prove a read costs a fixed number of them whatever the data size. It listens to the driver's own
/// tracing, so EF Core queries and the commands the API sends through Npgsql directly are counted alike; only
/// those against this factory's database, since test classes run side by side. Call <see cref="Reset"/> just
/// before the request being measured (tests of one class run one at a time).
/// </summary>
public sealed class DbCommandCounter : IDisposable
{
    private readonly ConcurrentQueue<string> commands = new();
    private readonly ActivityListener listener;

    public DbCommandCounter(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var tags = activity.TagObjects.ToDictionary(t => t.Key, t => t.Value);
                var statement = (tags.GetValueOrDefault("db.query.text") ?? tags.GetValueOrDefault("db.statement")) as string;
                var onThisDatabase = Equals(tags.GetValueOrDefault("db.namespace"), database) || Equals(tags.GetValueOrDefault("db.name"), database);
                if (statement is not null && onThisDatabase)
                {
                    commands.Enqueue(statement);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public int Count => commands.Count;

    public IReadOnlyList<string> Commands => [.. commands];

    public void Reset() => commands.Clear();

    public void Dispose() => listener.Dispose();
}
