// The compiled Kotlin client against a real server: a wrong password, then sign in, read the
// signed-in person and a page of modules. Prints one `key=value` a line for test_kotlin_client.py.
import org.openapitools.client.apis.AuthApi
import org.openapitools.client.apis.LearningApi
import org.openapitools.client.apis.MeApi
import org.openapitools.client.infrastructure.ApiClient
import org.openapitools.client.infrastructure.ClientError
import org.openapitools.client.infrastructure.Serializer
import org.openapitools.client.models.LoginRequest
import org.openapitools.client.models.Problem

fun main(args: Array<String>) {
    val (baseUrl, login, password) = args
    val auth = AuthApi(baseUrl)

    val wrong = auth.signInWithHttpInfo(LoginRequest(login, "salah-sekali")) as ClientError<*>
    val problem = Serializer.gson.fromJson(wrong.body as String, Problem::class.java)
    println("wrong.status=${wrong.statusCode}")
    println("wrong.code=${problem.code}")
    println("wrong.title=${problem.title}")

    ApiClient.accessToken = auth.signIn(LoginRequest(login, password)).accessToken
    val me = MeApi(baseUrl).getMe()
    println("me.id=${me.id}")
    println("me.nip=${me.nip}")
    val modules = LearningApi(baseUrl).listModules(limit = 5)
    println("modules.count=${modules.items.size}")
    println("modules.title=${modules.items.first().title}")
}
