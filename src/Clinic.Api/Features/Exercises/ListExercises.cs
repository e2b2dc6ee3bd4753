using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Exercises;

/// <summary>
/// The exercise library the caller can assign: the built-in practices and their practice's own, without the ones
/// the practice retired unless <see cref="IncludeRetired"/>.
/// </summary>
public sealed record ListExercisesQuery(bool IncludeRetired = false) : IQuery<IReadOnlyList<ExerciseResponse>>;

public sealed class ListExercisesHandler(ClinicDbContext db, Caller caller) : IQueryHandler<ListExercisesQuery, IReadOnlyList<ExerciseResponse>>
{
    public async ValueTask<IReadOnlyList<ExerciseResponse>> Handle(ListExercisesQuery query, CancellationToken cancellationToken)
    {
        var practiceId = caller.PracticeId;
        var exercises = await db.Exercises.AsNoTracking()
            .Where(e => e.PracticeId == null || e.PracticeId == practiceId)
            .Where(e => query.IncludeRetired || e.RetiredAt == null)
            .OrderBy(e => e.PracticeId != null).ThenBy(e => e.Title)
            .ToListAsync(cancellationToken);
        return exercises.ConvertAll(ExerciseResponse.From);
    }
}
