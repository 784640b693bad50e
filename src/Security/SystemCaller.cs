namespace Platform.Security;

/// <summary>
/// An authenticated information system, as its client certificate names it: an agency's (<see cref="AgencyCaller"/>)
/// or a commission's (<see cref="CommissionCaller"/>). The kinds are separate types, so a rule written for agencies
/// (<see cref="AgencyClaims.ToAgencyCaller"/>) never matches a commission's system by accident.
/// </summary>
public abstract record SystemCaller(string SystemName);
