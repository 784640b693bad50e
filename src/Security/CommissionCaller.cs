using Platform.Contracts.Territory;

namespace Platform.Security;

/// <summary>
/// A commission's information system (КДНЗП case management): it acts for one commission, known by the КАТО code of
/// the commission's territory, the code its cases are stored under. It is not an agency: it submits no records and no
/// agency service or profile policy accepts it.
/// </summary>
public sealed record CommissionCaller(string SystemName, Kato Commission) : SystemCaller(SystemName);
