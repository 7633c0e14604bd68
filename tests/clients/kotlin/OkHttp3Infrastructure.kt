// OkHttp 4's Kotlin spellings for Debian's OkHttp 3, under the generated client's infrastructure.
// The generated ApiClient imports them from OkHttp 4's companions; tests/clients/kotlin_toolchain.py
// drops those imports from its template, so these, in the same package, are found instead. The
// properties win over OkHttp 3's package-private fields of the same names.
package org.openapitools.client.infrastructure

import java.io.File
import okhttp3.Headers
import okhttp3.HttpUrl
import okhttp3.MediaType
import okhttp3.RequestBody
import okhttp3.Response
import okhttp3.ResponseBody

@PublishedApi internal fun String.toMediaTypeOrNull(): MediaType? = MediaType.parse(this)

@PublishedApi internal fun String.toHttpUrlOrNull(): HttpUrl? = HttpUrl.parse(this)

@PublishedApi internal fun Map<String, String>.toHeaders(): Headers = Headers.of(this)

@PublishedApi internal fun ByteArray.toRequestBody(type: MediaType? = null): RequestBody = RequestBody.create(type, this)

@PublishedApi internal fun String.toRequestBody(type: MediaType? = null): RequestBody = RequestBody.create(type, this)

@PublishedApi internal fun File.asRequestBody(type: MediaType? = null): RequestBody = RequestBody.create(type, this)

@PublishedApi internal val Response.code: Int get() = code()

@PublishedApi internal val Response.message: String get() = message()

@PublishedApi internal val Response.headers: Headers get() = headers()

@PublishedApi internal val Response.body: ResponseBody? get() = body()
