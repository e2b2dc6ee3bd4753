using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Domain.Exercises;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Exercises;

/// <summary>One exercise the caller can see, by key: a built-in one, or their practice's own (retired ones too).</summary>
public sealed record GetExerciseQuery(string ExerciseKey) : IQuery<ExerciseResponse>;

public sealed class GetExerciseHandler(ClinicDbContext db, Caller caller) : IQueryHandler<GetExerciseQuery, ExerciseResponse>
{
    public async ValueTask<ExerciseResponse> Handle(GetExerciseQuery query, CancellationToken cancellationToken) =>
        ExerciseResponse.From(await VisibleAsync(db, caller, query.ExerciseKey, cancellationToken));

    /// <summary>
    /// The exercise with this key that the caller's practice sees, tracked for change. A key names at most one
    /// (a practice cannot add a key the library or it already has); another practice's exercise is not found.
    /// </summary>
    internal static async Task<Exercise> VisibleAsync(ClinicDbContext db, Caller caller, string key, CancellationToken cancellationToken)
    {
        var practiceId = caller.PracticeId;
        return await db.Exercises
            .Where(e => e.Key == key && (e.PracticeId == null || e.PracticeId == practiceId))
            .OrderBy(e => e.PracticeId == null)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("exercise", key);
    }
}
