// The functions run on Node.js 24 in Lambda; the SDK's notice about Node.js 20
// on development machines would otherwise repeat once per test file that
// creates a client and bury real warnings in the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
