import { Duration, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_SCOPE } from '../../api-scope';
import { pascal } from '../function-specs';
import type { EntraIdentity } from '../settings';
import type { ApiFunction } from './api-function';

export interface InvestFlagsApiProps {
  functions: readonly ApiFunction[];
  identity: EntraIdentity;
  /** Exact origins allowed by CORS (the task pane's, plus extras). */
  allowOrigins: string[];
  throttle: { rateLimit: number; burstLimit: number };
  logRetention: RetentionDays;
}

/** Issuer of Entra ID v2 access tokens for one tenant (the API registration must emit v2 tokens). */
export function entraIssuer(identity: EntraIdentity): string {
  return `https://${identity.loginHost}/${identity.tenantId}/v2.0`;
}

/** HTTP API access log line (JSON), from HTTP API $context variables. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  method: '$context.httpMethod',
  route: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  // The token subject the handlers map to a user profile (functions/handlers/caller.ts).
  user: '$context.authorizer.claims.sub',
};

/**
 * HTTP API: one route per ROUTES entry, every route behind the Entra ID JWT authorizer with the
 * access_as_user scope; CORS for the task pane only; throttled, access-logged $default stage.
 */
export class InvestFlagsApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: InvestFlagsApiProps) {
    super(scope, id);
    const { identity } = props;

    // Entra v2 tokens carry the client id GUID as `aud`; the App ID URI is accepted too in case a
    // registration is configured to use it.
    const authorizer = new HttpJwtAuthorizer('EntraId', entraIssuer(identity), {
      jwtAudience: [identity.clientId, identity.appIdUri],
      identitySource: ['$request.header.Authorization'],
    });

    // The methods the routes use (plus the preflight), so a new method needs no change here.
    const methods = [...new Set(props.functions.flatMap((f) => f.spec.routes.map((r) => r.method)))].sort();
    this.api = new HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'invest-flags API (四个清单红黄旗)',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.allowOrigins,
        allowMethods: [...methods.map((m) => CorsHttpMethod[m]), CorsHttpMethod.OPTIONS],
        allowHeaders: ['authorization', 'content-type'],
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });

    for (const f of props.functions) {
      const integration = new HttpLambdaIntegration(`${pascal(f.spec.name)}Integration`, f.fn);
      for (const route of f.spec.routes) {
        this.api.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration,
          authorizer,
          authorizationScopes: [API_SCOPE],
        });
      }
    }

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** Base URL clients call (no trailing slash). */
  get url(): string {
    return this.api.apiEndpoint;
  }
}
