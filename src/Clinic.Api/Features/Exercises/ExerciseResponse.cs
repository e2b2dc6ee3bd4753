using Clinic.Domain.Exercises;

namespace Clinic.Api.Features.Exercises;

public sealed record ExerciseResponse(Guid Id, string Key, string Title, string Summary, string Instructions, int DefaultMinutes, bool BuiltIn)
{
    public static ExerciseResponse From(Exercise e) => new(e.Id, e.Key, e.Title, e.Summary, e.Instructions, e.DefaultMinutes, e.IsBuiltIn);
}
