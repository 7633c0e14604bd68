// OkHttp 4's property for Debian's OkHttp 3 method, used by each generated API class to encode a path part.
package org.openapitools.client.apis

internal val okhttp3.HttpUrl.encodedPathSegments: List<String> get() = encodedPathSegments()
