using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults().AddPlatformDatabase("social-db").AddPlatformMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
