/**
 * An in-memory stand-in for n8n's CredentialsHelper (which lives in the n8n CLI, not in
 * n8n-core): it hands the engine decrypted test credentials, applies a credential type's
 * declared `authenticate`, runs `preAuthentication` the way n8n does for `expirable`
 * properties, and records what n8n would persist.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	INodeParameters,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';

export type CredentialStore = Record<string, ICredentialDataDecryptedObject>;

const OAUTH2_BASE: INodeProperties[] = [];
const noNodeTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as unknown as INodeTypes;

export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every time the engine asked to persist a credential: what n8n would write to its database. */
	readonly persisted: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(
		private readonly types: Record<string, ICredentialType>,
		readonly store: CredentialStore,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		const type = this.types[name];
		if (!type?.extends) return [];
		return type.extends.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		const options = requestOptions as IHttpRequestOptions;
		if (!authenticate) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		const resolve = (value: string) =>
			value.replace(/^=/, '').replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) => String(credentials[key] ?? ''));
		for (const place of ['headers', 'qs', 'body'] as const) {
			const declared = (authenticate.properties as Record<string, Record<string, string> | undefined>)[place];
			if (!declared) continue;
			const target = ((options as unknown as Record<string, Record<string, unknown>>)[place] ??= {});
			for (const [key, value] of Object.entries(declared)) target[key] = resolve(value);
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types[typeName];
		if (!type?.preAuthentication) return undefined;
		const expirable = type.properties.find((property) => property.typeOptions?.expirable);
		if (!expirable) return undefined;
		// As n8n's CredentialsHelper: renew when the expirable field is empty or a request said
		// so; persist only when the output carries the expirable field.
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output?.[expirable.name] === undefined) return undefined;
		const updated = Object.assign(credentials, output);
		const nodeCredentials = node.credentials?.[typeName];
		if (nodeCredentials) await this.updateCredentials(nodeCredentials, typeName, { ...this.store[typeName], ...output } as ICredentialDataDecryptedObject);
		return updated;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return { id: type, name: type, type, data: '', getData: () => this.store[type] } as unknown as ICredentials;
	}

	/** As n8n's: stored values that are expressions (e.g. the renewal gate) are resolved. */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store[type];
		if (!data) throw new Error(`No test credential of type ${type}`);
		if (!Object.values(data).some((value) => typeof value === 'string' && value.startsWith('='))) return { ...data };
		const resolver = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: noNodeTypes });
		return resolver.expression.getParameterValue(
			{ ...data } as INodeParameters,
			null,
			0,
			0,
			'',
			[],
			mode,
			{},
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store[type] = data;
		this.persisted.push({ type, data });
	}

	async updateCredentialsOauthTokenData(
		details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.updateCredentials(details, type, data);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? OAUTH2_BASE;
	}
}
