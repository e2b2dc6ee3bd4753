namespace Clinic.Domain.Privacy;

/// <summary>
/// Who is reading text a client wrote (a reflection, a note on a skip). The one privacy rule of this service is
/// stated on it: the client who wrote the text reads it always; anyone else (their therapist, an admin, an EHR
/// integration, an operator, another client) reads it only while the author shares it, and otherwise learns
/// nothing of it: not its text, not its length, not that it exists.
/// </summary>
public readonly record struct Reader
{
    private Reader(Guid? clientId) => ClientId = clientId;

    /// <summary>The client this reader is, or null for staff and services.</summary>
    public Guid? ClientId { get; }

    /// <summary>A client reading (their own or, if a check elsewhere failed, someone else's) data.</summary>
    public static Reader Client(Guid clientId) => new(clientId);

    /// <summary>Anyone who is not a client: therapist, admin, integration, operator, background job.</summary>
    public static Reader Staff { get; } = new(null);

    public bool IsAuthorOf(Guid authorClientId) => ClientId == authorClientId;

    /// <summary>The text as this reader may see it: all of it, or nothing.</summary>
    public string? See(Guid authorClientId, string? text, bool shared) => IsAuthorOf(authorClientId) || shared ? text : null;
}
