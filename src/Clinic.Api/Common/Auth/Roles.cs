namespace Clinic.Api.Common.Auth;

/// <summary>The roles a token can carry in its <c>role</c> claim.</summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Admin = "admin";
    public const string Therapist = "therapist";
    public const string Client = "client";
    public const string Integration = "integration";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Operator, Admin, Therapist, Client, Integration]);
}

/// <summary>Claim names this service reads and issues.</summary>
public static class ClinicClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string PracticeId = "practice_id";
}
