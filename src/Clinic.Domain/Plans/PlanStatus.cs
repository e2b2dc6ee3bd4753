namespace Clinic.Domain.Plans;

public enum PlanStatus
{
    Draft,
    Active,
    Paused,
    Completed,
    Cancelled,
}
