/**
 * Public shapes of the resource-type schema (plain data, no `vscode`).
 *
 * Everything handed out by `spec.ts` is cached and shared between callers, and frozen:
 * treat it as read-only. Records are null-prototype objects, so `properties['constructor']`
 * is `undefined` rather than `Object.prototype.constructor`.
 */

/** Scalar types. `json` is free-form (any JSON value); `any` means "not described". */
export type PrimitiveName = 'string' | 'integer' | 'number' | 'boolean' | 'json' | 'timestamp' | 'any';

export type TypeRef =
  | PrimitiveTypeRef
  | { readonly kind: 'list'; readonly element: TypeRef }
  | { readonly kind: 'map'; readonly element: TypeRef }
  /** A nested (property) type of the same resource type: see `getPropertyType`. */
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'union'; readonly types: readonly TypeRef[] };

export interface PrimitiveTypeRef {
  readonly kind: 'primitive';
  readonly type: PrimitiveName;
  /** Enum-like allowed values where the source lists them (strings, or integers). */
  readonly allowedValues?: readonly (string | number)[];
}

export interface PropertySpec {
  readonly name: string;
  readonly type: TypeRef;
  readonly required: boolean;
  readonly documentation?: string;
  /** The source marks the property deprecated (use is discouraged but still accepted). */
  readonly deprecated?: boolean;
  /** Default as written in the source: `"NONE"` (JSON-quoted), `false`, `3`, … */
  readonly defaultValue?: string;
  /** Whether changing the value replaces the resource (`undefined` = no / unknown). */
  readonly updateRequiresReplacement?: 'yes' | 'maybe';
  /** Earlier types of the property: a value matching one of these was once valid. */
  readonly previousTypes?: readonly TypeRef[];
  /**
   * Convenience: allowed values of the type, or of the list element type
   * (e.g. `Architectures: [x86_64|arm64]`), for completion; undefined when open.
   */
  readonly allowedValues?: readonly (string | number)[];
}

export interface AttributeSpec {
  /** As used in `Fn::GetAtt`, may contain dots: `Endpoint.Address`. */
  readonly name: string;
  readonly type: TypeRef;
  readonly documentation?: string;
}

/** A nested property type ("property type" in the AWS docs), e.g. `AWS::Lambda::Function` `Code`. */
export interface PropertyTypeSpec {
  readonly name: string;
  /** The resource type that declares it. */
  readonly resourceType: string;
  readonly documentation?: string;
  readonly docsUrl?: string;
  readonly properties: Readonly<Record<string, PropertySpec>>;
  /** Names of required properties, in declaration order. */
  readonly required: readonly string[];
  /** The CloudFormation-wide `Tag` ({Key, Value}) rather than a type of this resource. */
  readonly builtinTag?: boolean;
}

export interface ResourceTypeSpec {
  /** `AWS::S3::Bucket` */
  readonly name: string;
  /** `AWS::S3` */
  readonly service: string;
  readonly documentation?: string;
  readonly docsUrl?: string;
  readonly properties: Readonly<Record<string, PropertySpec>>;
  /** Names of required properties, in declaration order. */
  readonly required: readonly string[];
  /** Keyed by the `Fn::GetAtt` attribute name (`Arn`, `Endpoint.Address`, …). */
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
  /** Names of the nested property types of this resource type (for `getPropertyType`). */
  readonly typeNames: readonly string[];
  /** The resource holds data (deleting it loses state): DB instances, buckets, tables, … */
  readonly stateful: boolean;
  /** Transform the type needs, e.g. `AWS::Serverless-2016-10-31` for SAM types. */
  readonly transform?: string;
  /** Name of the property holding tags, when the type is taggable. */
  readonly tagProperty?: string;
}

/** The result of walking a property path (see `resolvePath`). */
export interface ResolvedPath {
  /** Type of the value at the end of the path. */
  readonly type: TypeRef;
  /** When the last segment named a property: that property. */
  readonly property?: PropertySpec;
  /** The nested type that declares `property`; undefined for top-level properties. */
  readonly owner?: PropertyTypeSpec;
  /**
   * The path went through a `json`/`any` value (e.g. a policy document): nothing below it
   * is described, so callers must not report unknown keys there. `type` is then `json`.
   */
  readonly opaque: boolean;
}

export interface SchemaInfo {
  /** `@aws-cdk/aws-service-spec@0.1.216` */
  readonly source?: string;
  readonly format?: string;
  readonly count: number;
  /** Path the schema was read from. */
  readonly path?: string;
  /** Why the schema could not be loaded (then every lookup answers "unknown"). */
  readonly error?: string;
}
