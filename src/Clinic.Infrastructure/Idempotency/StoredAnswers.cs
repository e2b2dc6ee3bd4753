using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Infrastructure.Idempotency;

/// <summary>What is done to the answers stored for replay when the data they repeat changes for good.</summary>
public static class StoredAnswers
{
    /// <summary>
    /// Erases a reflection's text from the answers stored for a client's replays (the answer to the completion's
    /// POST, and to any later change of it), so that erasing a reflection leaves its text nowhere in the database.
    /// A replay then answers with the reflection as it is now: none.
    /// </summary>
    public static Task<int> EraseReflectionAsync(ClinicDbContext db, string subjectId, Guid completionId, CancellationToken cancellationToken)
    {
        var id = completionId.ToString();
        var pattern = "%" + id + "%";

        // The CASE keeps the cast to jsonb away from stored answers without a body (an empty string).
        return db.Database.ExecuteSqlInterpolatedAsync(
            $$"""
            UPDATE idempotency_records
            SET response_body = jsonb_set(response_body::jsonb, '{reflection}', 'null')::text
            WHERE subject_id = {{subjectId}}
              AND CASE WHEN response_body LIKE {{pattern}} THEN response_body::jsonb ->> 'id' = {{id}} ELSE false END
            """,
            cancellationToken);
    }
}
