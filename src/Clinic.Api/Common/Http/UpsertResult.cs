namespace Clinic.Api.Common.Http;

/// <summary>What an upsert (PUT by an external id) did: <see cref="Created"/> tells 201 from 200.</summary>
public sealed record UpsertResult<T>(T Value, bool Created)
{
    /// <summary>201 with the new resource's location, or 200 when it already existed.</summary>
    public IResult ToHttpResult(string location) => Created ? Results.Created(location, Value) : Results.Ok(Value);
}
